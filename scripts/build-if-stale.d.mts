export const serverEntry: string;
export const serveScript: string;
export function buildIfStale(): void;
