export { ShotLane, type ShotLaneProps } from "./ui/shot-lane";
