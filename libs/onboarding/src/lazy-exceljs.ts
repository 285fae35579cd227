import type * as ExcelJS from 'exceljs';

/**
 * exceljs, loaded at the first workbook rather than with the module: loading it costs ~0.2 s
 * of CPU, which every API and worker start (and every test file that starts one) paid though
 * only an onboarding file or template needs it. Node's import() of this CommonJS package
 * gives its exports as `default`.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  return ((await import('exceljs')) as unknown as { default: typeof ExcelJS }).default;
}
