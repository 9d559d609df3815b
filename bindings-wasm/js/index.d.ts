export * from './sobriete.js';
export { SobrieteError, ValidationError, ArgumentError } from './errors.js';
