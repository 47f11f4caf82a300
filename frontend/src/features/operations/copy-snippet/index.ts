export { buildEmbedSnippet } from "./model/snippet";
export { CopySnippet, type CopySnippetProps } from "./ui/copy-snippet";
