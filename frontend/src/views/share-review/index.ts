export { ShareReviewPage } from "./ui/share-review-page";
