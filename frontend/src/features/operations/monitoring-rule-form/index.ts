export {
  emptyRuleForm,
  MAX_COOLDOWN_SECONDS,
  MAX_FOR_SECONDS,
  ruleToForm,
  validateRuleForm,
  type RuleFormErrors,
  type RuleFormResult,
  type RuleFormValues,
} from "./model/rule-form";
export { RuleForm, type RuleFormProps } from "./ui/rule-form";
