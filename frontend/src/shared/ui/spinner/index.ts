export { PageSpinner, Spinner, type SpinnerProps } from "./spinner";
