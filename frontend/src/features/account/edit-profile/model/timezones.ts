const FALLBACK_ZONES = ["Asia/Seoul", "Asia/Tokyo", "UTC", "Europe/London", "America/New_York", "America/Los_Angeles"];

function offsetLabel(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "shortOffset" })
      .formatToParts(at)
      .find((p) => p.type === "timeZoneName");
    return part ? part.value : "";
  } catch {
    return "";
  }
}

/** Every IANA zone the browser knows, labelled with its current UTC offset, plus `current`. */
export function timeZoneOptions(current: string, at: Date = new Date()): { value: string; label: string }[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf("timeZone");
  } catch {
    zones = FALLBACK_ZONES;
  }
  const all = new Set(zones);
  all.add("UTC");
  if (current) all.add(current);
  return Array.from(all)
    .sort((a, b) => a.localeCompare(b))
    .map((zone) => {
      const offset = offsetLabel(zone, at);
      return { value: zone, label: offset ? `${zone.replace(/_/g, " ")} (${offset})` : zone.replace(/_/g, " ") };
    });
}
