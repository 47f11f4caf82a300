export { AttentionPeople, type AttentionPeopleProps } from "./ui/attention-people";
export { AttentionStrip, type AttentionStripProps } from "./ui/attention-strip";
