// `npm run restore -- <backup directory> [--force] [--skip-key-check]`: see src/backup/restore.ts.
const { runRestoreCli } = await import('../src/backup/restore.ts');
process.exitCode = await runRestoreCli(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
