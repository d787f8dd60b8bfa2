export * from './launch-payload-schema.ts';
export * from './launch-contact.ts';
export { criteriaFromName } from './criteria-names.ts';
export { payloadFilter, payloadVariables } from './audience-payload.ts';
export {
  CONFIGURED_AUDIENCE,
  type LaunchRequest,
  type ParseResult,
  parseLaunchPayload,
} from './parse-launch-payload.ts';
