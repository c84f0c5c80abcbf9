// `npm run backup -- [backup directory] [--with-secrets]`: see src/backup/backup.ts.
const { runBackupCli } = await import('../src/backup/backup.ts');
process.exitCode = await runBackupCli(process.argv.slice(2), process.env, {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
});
