// Where a module that runs in a thread or a process of its own is, beside the module that starts it.

/**
 * The module `name` next to the one at `url`, in that module's language: `.ts` when running from the
 * sources (tsx, the test runner), `.js` when built.
 */
export const moduleBeside = (url: string, name: string): URL =>
  new URL(`./${name}${url.endsWith('.ts') ? '.ts' : '.js'}`, url)
