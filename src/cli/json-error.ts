export { describeJsonError } from '../core/capture/json-error';
