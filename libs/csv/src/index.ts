export * from './csv-text';
export * from './csv-register';
