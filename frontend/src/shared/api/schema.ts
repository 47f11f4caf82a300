import type { components } from "./schema.gen";

/** The API's shapes by their OpenAPI name: `Schemas["AlertOut"]`. */
export type Schemas = components["schemas"];

/**
 * A generated shape with some fields typed more precisely than the document can say
 * (a JSON field the serializer declares as a dict: selectors, matchers, labels).
 */
export type Refine<T, R> = Omit<T, keyof R> & R;
