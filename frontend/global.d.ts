// Next's ambient types (CSS modules, images, process.env) without relying on
// the generated, gitignored next-env.d.ts — so `npm run typecheck` works on a
// fresh clone before any `next build`.
/// <reference types="next" />
/// <reference types="next/image-types/global" />
