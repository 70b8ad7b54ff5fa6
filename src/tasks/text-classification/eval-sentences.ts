// The text classifier's evaluation set: 30 short sentences with the sentiment a person gives them. Some
// use the tiny generated model's lexicon words (good, slow, broken…), some say the same in other words
// (delicious, rude), so its accuracy against the truth is a real, modest number; a variant is judged
// mostly by label agreement with its fp32 original. Apart from the benchmark's reviews (benchmark.ts).

export interface LabelledSentence {
  readonly text: string;
  readonly label: 'POSITIVE' | 'NEGATIVE';
}

export const EVALUATION_SENTENCES: readonly LabelledSentence[] = [
  { text: 'The hotel room was great and the staff were happy to help.', label: 'POSITIVE' },
  { text: 'My new laptop is fast and the screen is excellent.', label: 'POSITIVE' },
  { text: 'The train was slow and the heating was broken.', label: 'NEGATIVE' },
  { text: 'I love the colour of this jacket.', label: 'POSITIVE' },
  { text: 'Awful food and a rude waiter.', label: 'NEGATIVE' },
  { text: 'This is the best coffee in town.', label: 'POSITIVE' },
  { text: 'The app keeps crashing, I hate it.', label: 'NEGATIVE' },
  { text: 'A wonderful evening with friends.', label: 'POSITIVE' },
  { text: 'The worst customer support I have ever called.', label: 'NEGATIVE' },
  { text: 'Good value for the money.', label: 'POSITIVE' },
  { text: 'The package arrived broken and late.', label: 'NEGATIVE' },
  { text: 'The soup was delicious and warm.', label: 'POSITIVE' },
  { text: 'Terrible sound quality on every call.', label: 'NEGATIVE' },
  { text: 'We had a lovely time at the beach.', label: 'POSITIVE' },
  { text: 'The instructions were confusing and useless.', label: 'NEGATIVE' },
  { text: 'Great battery life, it lasts two days.', label: 'POSITIVE' },
  { text: 'Bad fit, the shoes hurt after an hour.', label: 'NEGATIVE' },
  { text: 'The garden looks beautiful in spring.', label: 'POSITIVE' },
  { text: 'I am sad that the shop closed.', label: 'NEGATIVE' },
  { text: 'Fast shipping and a friendly seller.', label: 'POSITIVE' },
  { text: 'The movie was boring and far too long.', label: 'NEGATIVE' },
  { text: 'Excellent teacher, clear and patient.', label: 'POSITIVE' },
  { text: 'The website is slow and the search is bad.', label: 'NEGATIVE' },
  { text: 'Happy with the repair, it works again.', label: 'POSITIVE' },
  { text: 'The room smelled of smoke.', label: 'NEGATIVE' },
  { text: 'I love how light this bike is.', label: 'POSITIVE' },
  { text: 'Awful traffic made us miss the start.', label: 'NEGATIVE' },
  { text: 'The best concert of the year.', label: 'POSITIVE' },
  { text: 'Cheap plastic that cracked in a week.', label: 'NEGATIVE' },
  { text: 'Good food, good music, great people.', label: 'POSITIVE' },
];
