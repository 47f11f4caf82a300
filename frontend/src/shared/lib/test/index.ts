export { createFetchStub, envelope, type StubHandler, type StubRequest, type StubResponse } from "./fetch-stub";
export { makeTestStore, renderWithProviders, type ProvidersOptions, type TestStore } from "./render";
