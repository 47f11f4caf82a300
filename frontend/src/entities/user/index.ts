export { userApi, useGetMeQuery, useUpdateMeMutation } from "./api/user-api";
export { startSession } from "./model/session";
export { displayNameOf, type AuthResponse, type User, type UserUpdate } from "./model/types";
export { UserIdentity } from "./ui/user-identity";
