// `imagegate merge report*.json`: the JSON reports of several shards (or runs) as one report, in any format.
import { mergeReports, readReportFile, type ReportFile } from '../audit/merge.js';
import { REPORT_FORMATS } from '../reporters/index.js';
import { oneOf, parseReportOption, writeReports } from './check-command.js';

export interface MergeOptions {
  format: string;
  output?: string;
  report?: string[];
  quiet?: boolean;
}

export async function runMergeCommand(files: string[], options: MergeOptions): Promise<number> {
  const format = oneOf(options.format, REPORT_FORMATS, '--format');
  const extraReports = (options.report ?? []).map(parseReportOption);
  const inputs: ReportFile[] = [];
  for (const file of files) inputs.push(await readReportFile(file));
  const report = mergeReports(inputs);
  if (!options.quiet) {
    const { images, exitCode } = report.summary;
    process.stderr.write(
      `imagegate: merged ${inputs.length} report${inputs.length === 1 ? '' : 's'}: ${images} image${images === 1 ? '' : 's'}, exit ${exitCode}\n`,
    );
  }
  await writeReports(report, {
    format,
    extraReports,
    ...(options.output !== undefined ? { output: options.output } : {}),
    quiet: Boolean(options.quiet),
    sizeReport: false,
  });
  return report.summary.exitCode;
}
