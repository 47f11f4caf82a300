export { CreateAssetForm } from "./ui/create-asset-form";
