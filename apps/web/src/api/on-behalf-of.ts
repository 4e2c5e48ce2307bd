/** The request header naming whom the caller acts for, under that person's delegation running now. */
export const ON_BEHALF_OF = 'On-Behalf-Of';
