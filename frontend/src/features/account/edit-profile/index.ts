export { timeZoneOptions } from "./model/timezones";
export { validateProfile, type ProfileValues } from "./model/validate";
export { ProfileForm } from "./ui/profile-form";
