export { makeStore, type AppDispatch, type AppStore, type RootState } from "./make-store";
