import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

/**
 * Feature-Sliced Design import rules, enforced here as well as by steiger:
 * steiger does not know our `views` layer (renamed from FSD "pages" so Next
 * does not mistake it for the Pages Router), so ESLint guards the direction
 * of imports for every layer, views included.
 */
const LAYERS = ["app", "views", "widgets", "features", "entities", "shared"];

/** Widget areas grouped like features (widgets/<area>/<slice>), e.g. the monitoring console's tabs. */
const WIDGET_GROUPS = ["monitoring"];

function higherLayers(layer) {
  return LAYERS.slice(0, LAYERS.indexOf(layer));
}

const fsdLayerRules = LAYERS.filter((layer) => layer !== "app").map((layer) => ({
  files: [`src/${layer}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: higherLayers(layer).map((higher) => `@/${higher}/*`).concat(higherLayers(layer).map((h) => `@/${h}`)),
            message: `FSD: the ${layer} layer may only import from layers below it.`,
          },
          ...(["views", "widgets", "features", "entities"].includes(layer)
            ? [
                {
                  group: [`@/${layer}/*`],
                  message: `FSD: slices of the ${layer} layer do not import each other; move shared code down a layer.`,
                },
              ]
            : []),
          {
            // Slices are used through their public API (index.ts), never by deep path.
            // Features are grouped by product area (features/<area>/<slice>), some widgets too.
            group: [
              "@/views/*/**",
              "@/widgets/*/**",
              ...WIDGET_GROUPS.map((area) => `!@/widgets/${area}/*`),
              "@/features/*/*/**",
              "@/entities/*/**",
            ],
            message: "FSD: import a slice through its public API (e.g. '@/entities/user').",
          },
        ],
      },
    ],
  },
}));

const config = [
  {
    ignores: [".next/**", ".next-*/**", "node_modules/**", "next-env.d.ts", "playwright-report/**", "test-results/**", "test-results-*/**", "coverage/**"],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": ["error", { allow: ["warn", "error"] }],
    },
  },
  ...fsdLayerRules,
  {
    // Next's router files are thin re-exports of views and app-layer layouts.
    files: ["app/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/widgets/*", "@/features/*", "@/entities/*", "@/shared/*"],
              message: "Route files only re-export views (src/views) or app-layer layouts (src/app).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["e2e/**/*.ts", "*.config.{ts,mjs}"],
    rules: {
      "no-console": "off",
    },
  },
];

export default config;
