import type { Channel } from "../api/types";

export const CHANNEL_NAMES: Record<Channel, string> = {
  web: "Web",
  app: "App",
  store: "Store",
  phone: "Phone",
  chat: "Chat",
  email: "Email",
  sms: "SMS",
  social: "Social",
  post: "Post",
  partner: "Partner",
  kiosk: "Kiosk",
  atm: "ATM",
  in_person: "In person",
  video: "Video",
  advertising: "Advertising",
  word_of_mouth: "Word of mouth",
  other: "Other",
};
