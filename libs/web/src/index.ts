export { mountWebPages } from './web-pages';
