import type { components, operations } from "./schema.gen";

/** The API's shapes by their OpenAPI name: `Schemas["AlertOut"]`. */
export type Schemas = components["schemas"];

/**
 * A generated shape with some fields typed more precisely than the document can say
 * (a JSON field the serializer declares as a dict: selectors, matchers, labels).
 */
export type Refine<T, R> = Omit<T, keyof R> & R;

/** The query parameters of an operation by its OpenAPI id: `QueryParams<"monitoring_analytics_retrieve">`. */
export type QueryParams<Op extends keyof operations> = NonNullable<operations[Op]["parameters"]["query"]>;
