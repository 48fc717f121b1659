/** Registered on every report connection by readOnlyView: ISO 8601 with the offset, in a zone. */
export const ISO_TIME_FUNCTION = 'tallychat_iso_time';
