export * from './sobriete.js';
export { SobrieteError, ValidationError } from './errors.js';
