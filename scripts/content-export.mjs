// `npm run content:export -- [file.ndjson]`: see src/content/export.ts.
const { runContentExport } = await import('../src/content/export.ts');
process.exitCode = await runContentExport(process.argv.slice(2), process.env, {
  out: (text) => process.stdout.write(text),
  err: (line) => console.error(line),
});
