// A schedule as the sentence a reviewer reads.
import { describe, it } from "node:test";
import * as assert from "node:assert/strict";
import { list, scheduleSentence } from "../../../../sdk/review/words";

describe("schedule as a sentence", () => {
  it("days, times and the time zone", () => {
    const s = { scheduled: true, scheduledDays: [5, 1, 3], scheduledHours: [6], scheduledMinutes: [30] };
    assert.equal(scheduleSentence(s, "America/New_York"), "Mon, Wed and Fri at 06:30, America/New_York");
    assert.equal(
      scheduleSentence({ scheduled: true, scheduledHours: [18, 6], scheduledMinutes: [] }),
      "every day at 06:00 and 18:00",
    );
    assert.equal(
      scheduleSentence({
        scheduled: true,
        scheduledDaysOfMonth: [1, 22, 3],
        scheduledHours: [2],
        scheduledMinutes: [0],
      }),
      "on the 1st, 3rd and 22nd of the month at 02:00",
    );
    assert.equal(
      scheduleSentence({ scheduled: true, scheduledHours: [0, 6, 12, 18], scheduledMinutes: [0, 30] }),
      "every day at :00 and :30 past 00, 06, 12 and 18",
    );
    assert.equal(scheduleSentence({ scheduled: true, scheduledMinutes: [15] }), "every day every hour at :15");
  });

  it("paused, or not scheduled at all", () => {
    assert.equal(scheduleSentence({ scheduled: false, scheduledHours: [6] }), "paused");
    assert.equal(scheduleSentence(undefined), "not scheduled");
    assert.equal(scheduleSentence({ scheduled: null }), "not scheduled");
  });

  it("lists read as prose", () => {
    assert.deepEqual(
      [list([]), list(["a"]), list(["a", "b"]), list(["a", "b", "c"])],
      ["", "a", "a and b", "a, b and c"],
    );
  });
});
