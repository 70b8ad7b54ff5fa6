// `npm run models:fetch -- <repo-id>[@revision] [--dtype fp32,q8] [--host https://huggingface.co]
// [--task text-classification]`: downloads a Hugging Face Hub model into public/models/<repo-id>/ for the
// app to run offline (see scripts/hub/hub-fetch.ts). The host can also come from HF_ENDPOINT, as with
// Hugging Face's own tools, so a mirror works without changing the command.
import { parseArgs } from 'node:util';
import { fetchHubModel, HubFetchError } from './hub/hub-fetch';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dtype: { type: 'string', default: 'fp32' },
    host: { type: 'string', default: process.env.HF_ENDPOINT ?? 'https://huggingface.co' },
    task: { type: 'string' },
    out: { type: 'string', default: 'public/models' },
  },
});

const [spec] = positionals;
if (!spec || !/^[\w.-]+\/[\w.-]+(@[\w./-]+)?$/.test(spec)) {
  console.error(
    'Usage: npm run models:fetch -- <owner/name>[@revision] [--dtype fp32,q8] [--host URL] [--task T]',
  );
  process.exit(2);
}
const [repo = '', revision = 'main'] = spec.split('@');
try {
  console.log(`models:fetch: ${repo}@${revision} from ${values.host} (dtypes ${values.dtype})`);
  const manifest = await fetchHubModel({
    host: values.host,
    repo,
    revision,
    dtypes: values.dtype.split(',').map((dtype) => dtype.trim()),
    modelsDir: values.out,
    ...(values.task ? { task: values.task } : {}),
    log: (line) => console.log(line),
  });
  console.log(
    `models:fetch: ${repo} (${manifest.task}, licence ${manifest.license}) is in ${values.out}/${repo}/, ` +
      `revision ${manifest.source.version}`,
  );
} catch (error) {
  console.error(`models:fetch: ${error instanceof HubFetchError ? error.message : String(error)}`);
  console.error('Nothing was written.');
  process.exit(1);
}
