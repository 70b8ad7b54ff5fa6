// The built-in documents semantic search runs on when the user brings none: short notes on everyday
// topics, each about one thing, so a query about that thing has one right answer.

export interface SearchDocument {
  readonly name: string;
  readonly text: string;
}

export const BUILT_IN_DOCUMENTS: readonly SearchDocument[] = [
  { name: 'battery.md', text: 'My phone battery is slow to charge and the battery is broken after a year.' },
  { name: 'weather.md', text: 'Rain today and tomorrow, then sun: the weather this week is very wet.' },
  { name: 'music.md', text: 'This song is the best music on the album; we play the song in the car.' },
  { name: 'pets.md', text: 'The cat and the dog sleep on the floor; the dog runs in the park.' },
  { name: 'meeting.md', text: 'The meeting room is on the second floor; the meeting starts at ten.' },
  { name: 'invoice.md', text: 'The invoice total is the price of the order; the price was cheap.' },
  { name: 'camera.md', text: 'The camera takes photos; my photos of the sun are very good.' },
  {
    name: 'on-device.md',
    text: 'Small open models run offline in the browser: private, on your own device, with no server.',
  },
];
