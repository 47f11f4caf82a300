export { useAppDispatch, type ApiRootState, type AppThunkDispatch } from "./hooks";
