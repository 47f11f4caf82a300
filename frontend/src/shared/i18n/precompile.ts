import compile from "icu-minify/compile";

type Tree = string | { [key: string]: Tree };

function compileTree(node: Tree): unknown {
  if (typeof node === "string") return compile(node);
  return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, compileTree(child)]));
}

/**
 * Compile every ICU message of a catalogue ahead of formatting. use-intl is then bundled
 * with its small format-only runtime (the `use-intl/format-message` alias in
 * next.config.ts and vitest.config.ts) instead of the ICU parser, which stays out of every
 * route's first-load JavaScript. The result is typed as its source so keys and arguments
 * are still checked, and round-trips through JSON so it is made of plain objects that the
 * server can hand to client components.
 */
export function precompile<Catalogue extends Tree>(catalogue: Catalogue): Catalogue {
  return JSON.parse(JSON.stringify(compileTree(catalogue))) as Catalogue;
}
