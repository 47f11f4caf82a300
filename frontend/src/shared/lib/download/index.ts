export { fileNameFrom } from "./file-name";
