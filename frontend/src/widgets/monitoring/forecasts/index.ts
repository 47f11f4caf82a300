export { ForecastsTab } from "./ui/forecasts-tab";
