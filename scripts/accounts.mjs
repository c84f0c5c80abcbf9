// `npm run accounts -- create --email E --role R [--organisation ID]`: see src/accounts/cli.ts.
const { runAccountsCli } = await import('../src/accounts/cli.ts');
process.exitCode = await runAccountsCli(process.argv.slice(2), process.env);
