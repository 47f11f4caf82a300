export { Form, FormActions, FormRow } from "./form";
