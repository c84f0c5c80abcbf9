export const serverEntry: string;
export function buildIfStale(): void;
