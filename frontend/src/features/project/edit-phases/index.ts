export {
  phasesApi,
  useCreatePhaseMutation,
  useDeletePhaseMutation,
  useReorderPhasesMutation,
  useUpdatePhaseMutation,
} from "./api/phases-api";
export { endBeforeStart, moveInOrder, validatePhase, PHASE_NAME_MAX, type PhaseFormValues } from "./model/validate";
export { PhaseFormDialog, type PhaseFormDialogProps } from "./ui/phase-form-dialog";
