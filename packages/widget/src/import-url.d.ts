/** `import(url)` of a module found at run time. */
export declare const importUrl: (url: string) => Promise<unknown>
