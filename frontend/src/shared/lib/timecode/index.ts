export {
  clampFrame,
  frameAt,
  frameToSeconds,
  frameToSmpte,
  lastFrame,
  secondsToSmpte,
  seekTimeForFrame,
  smpteToFrame,
  timebase,
} from "./timecode";
