export { AIJobQueue, type AIJobQueueProps } from "./ui/ai-job-queue";
