import { describe, expect, it } from 'vitest';
import {
  gestureStep,
  initialGestureState,
  type ExploreAction,
  type TouchInput,
  type TouchPoint,
} from './touchGestures';

const options = { holdMs: 1500 };

const f = (id: number, x: number, y: number): TouchPoint => ({ id, x, y });
const start = (t: number, ...touches: TouchPoint[]): TouchInput => ({ type: 'start', t, touches });
const move = (t: number, ...touches: TouchPoint[]): TouchInput => ({ type: 'move', t, touches });
const end = (t: number, ...touches: TouchPoint[]): TouchInput => ({ type: 'end', t, touches });
const cancel = (t: number): TouchInput => ({ type: 'cancel', t, touches: [] });
const tick = (t: number): TouchInput => ({ type: 'tick', t });

/** Three fingers down together at t, at rest. */
const three = (t: number, dx = 0) => start(t, f(0, 100 + dx, 500), f(1, 200 + dx, 500), f(2, 300 + dx, 500));

function run(inputs: TouchInput[], exploring: boolean): { actions: ExploreAction[]; tickAt: number | null } {
  let state = initialGestureState();
  const actions: ExploreAction[] = [];
  let tickAt: number | null = null;
  for (const input of inputs) {
    const step = gestureStep(state, input, exploring, options);
    state = step.state;
    actions.push(...step.actions);
    tickAt = step.tickAt;
  }
  return { actions, tickAt };
}

const explore = (x: number, y: number, first: boolean): ExploreAction => ({ kind: 'explore', x, y, first });

describe('gestureStep', () => {
  const cases: { name: string; exploring: boolean; inputs: TouchInput[]; actions: ExploreAction[] }[] = [
    {
      name: 'three fingers held 1.5 s (the timer) start it, once',
      exploring: false,
      inputs: [three(0), tick(1500), tick(1600), end(2000)],
      actions: [{ kind: 'toggle' }],
    },
    {
      name: 'three fingers put down one by one: the hold counts from the third',
      exploring: false,
      inputs: [
        start(0, f(0, 100, 500)),
        start(100, f(0, 100, 500), f(1, 200, 500)),
        start(300, f(0, 100, 500), f(1, 200, 500), f(2, 300, 500)),
        tick(1500),
        tick(1800),
      ],
      actions: [{ kind: 'toggle' }],
    },
    {
      name: 'the hold is recognized at the lift when the timer was late',
      exploring: false,
      inputs: [three(0), end(1700, f(1, 200, 500), f(2, 300, 500)), end(1710)],
      actions: [{ kind: 'toggle' }],
    },
    {
      name: 'three fingers lifted too soon: nothing',
      exploring: false,
      inputs: [three(0), end(1000), tick(1500)],
      actions: [],
    },
    {
      name: 'three fingers that slide (a swipe or a palm) do not start it',
      exploring: false,
      inputs: [three(0), move(500, f(0, 100, 560), f(1, 200, 560), f(2, 300, 560)), tick(1500), end(1600)],
      actions: [],
    },
    {
      name: 'four fingers (a palm) do not start it',
      exploring: false,
      inputs: [
        three(0),
        start(200, f(0, 100, 500), f(1, 200, 500), f(2, 300, 500), f(3, 400, 500)),
        tick(1500),
      ],
      actions: [],
    },
    {
      name: 'a small tremble is still holding',
      exploring: false,
      inputs: [three(0), move(400, f(0, 110, 505), f(1, 205, 490), f(2, 300, 515)), tick(1500)],
      actions: [{ kind: 'toggle' }],
    },
    {
      name: 'while off, one finger says nothing and a double tap chooses nothing',
      exploring: false,
      inputs: [start(0, f(0, 50, 50)), end(100), start(200, f(0, 50, 50)), end(300)],
      actions: [],
    },
    {
      name: 'the same hold ends it while exploring (the first finger spoke first)',
      exploring: true,
      inputs: [start(0, f(0, 100, 500)), three(50), tick(1550)],
      actions: [explore(100, 500, true), { kind: 'toggle' }],
    },
    {
      name: 'one finger touching speaks at once, and again as it slides',
      exploring: true,
      inputs: [start(0, f(0, 100, 100)), move(50, f(0, 100, 180)), move(100, f(0, 100, 260)), end(900)],
      actions: [explore(100, 100, true), explore(100, 180, false), explore(100, 260, false)],
    },
    {
      name: 'a double tap chooses; its taps say nothing more than the first touch',
      exploring: true,
      inputs: [start(0, f(0, 500, 500)), end(100), start(300, f(0, 900, 900)), end(380)],
      actions: [explore(500, 500, true), { kind: 'activate' }],
    },
    {
      name: 'a double tap after a long touch: the long touch spoke, the first tap speaks, the second chooses',
      exploring: true,
      inputs: [
        start(0, f(0, 10, 10)),
        end(2000),
        start(5000, f(0, 500, 500)),
        end(5100),
        start(5400, f(0, 520, 510)),
        end(5480),
      ],
      actions: [explore(10, 10, true), explore(500, 500, true), { kind: 'activate' }],
    },
    {
      name: 'two taps too far apart in time: two touches, no choice',
      exploring: true,
      inputs: [start(0, f(0, 500, 500)), end(100), start(700, f(0, 500, 500)), end(800)],
      actions: [explore(500, 500, true), explore(500, 500, true)],
    },
    {
      name: 'a slow first touch is not a tap: the next tap only speaks',
      exploring: true,
      inputs: [start(0, f(0, 500, 500)), end(600), start(800, f(0, 500, 500)), end(880)],
      actions: [explore(500, 500, true), explore(500, 500, true)],
    },
    {
      name: 'a second touch that slides explores instead of choosing',
      exploring: true,
      inputs: [
        start(0, f(0, 500, 500)),
        end(100),
        start(300, f(0, 500, 500)),
        move(350, f(0, 500, 600)),
        end(500),
      ],
      actions: [explore(500, 500, true), explore(500, 600, true)],
    },
    {
      name: 'two fingers sliding up scroll by the distance of their centre',
      exploring: true,
      inputs: [
        start(0, f(0, 400, 800)),
        start(20, f(0, 400, 800), f(1, 600, 800)),
        move(40, f(0, 400, 700), f(1, 600, 700)),
        move(60, f(0, 400, 650), f(1, 600, 640)),
        end(80, f(1, 600, 640)),
        move(90, f(1, 600, 600)),
        end(100),
      ],
      actions: [
        explore(400, 800, true),
        { kind: 'hush' },
        { kind: 'scroll', x: 500, y: 700, dx: 0, dy: -100 },
        { kind: 'scroll', x: 500, y: 645, dx: 0, dy: -55 },
      ],
    },
    {
      name: 'fingers lifted unseen (the screen changed under them) are forgotten at the next touch',
      exploring: true,
      inputs: [
        three(0),
        tick(1500),
        { type: 'start', t: 3000, touches: [f(0, 40, 40)], added: [0] },
        move(3050, f(0, 40, 120)),
      ],
      actions: [{ kind: 'toggle' }, explore(40, 40, true), explore(40, 120, false)],
    },
    {
      name: 'a second finger added is not a new touch',
      exploring: true,
      inputs: [
        start(0, f(0, 40, 40)),
        { type: 'start', t: 20, touches: [f(0, 40, 40), f(1, 140, 40)], added: [1] },
        end(40),
        start(100, f(0, 500, 500)),
        end(150),
      ],
      actions: [explore(40, 40, true), { kind: 'hush' }, explore(500, 500, true)],
    },
    {
      name: 'a touch soon after a tap, held (not a double tap after all), speaks when it is too long for a tap',
      exploring: true,
      inputs: [start(0, f(0, 500, 500)), end(100), start(300, f(0, 700, 700)), tick(650), end(1500)],
      actions: [explore(500, 500, true), explore(700, 700, true)],
    },
    {
      name: 'a tick before a tap is too long changes nothing; the double tap still chooses',
      exploring: true,
      inputs: [start(0, f(0, 500, 500)), end(100), start(300, f(0, 700, 700)), tick(400), end(450)],
      actions: [explore(500, 500, true), { kind: 'activate' }],
    },
    {
      name: 'a cancelled touch chooses nothing',
      exploring: true,
      inputs: [start(0, f(0, 500, 500)), end(100), start(300, f(0, 500, 500)), cancel(350)],
      actions: [explore(500, 500, true)],
    },
    {
      name: 'while exploring, a pinch of two fingers neither speaks again nor chooses',
      exploring: true,
      inputs: [
        start(0, f(0, 900, 500)),
        start(10, f(0, 900, 500), f(1, 1000, 500)),
        move(30, f(0, 850, 500), f(1, 1050, 500)),
        end(60),
      ],
      actions: [explore(900, 500, true), { kind: 'hush' }],
    },
    {
      name: 'a second finger that comes later (a slide, then a scroll) does not stop what is said',
      exploring: true,
      inputs: [start(0, f(0, 100, 100)), start(900, f(0, 100, 100), f(1, 300, 100)), end(1000)],
      actions: [explore(100, 100, true)],
    },
    {
      name: 'while off, two fingers landing together stop nothing',
      exploring: false,
      inputs: [start(0, f(0, 100, 100)), start(20, f(0, 100, 100), f(1, 300, 100)), end(100)],
      actions: [],
    },
  ];
  it.each(cases)('$name', ({ inputs, exploring, actions }) => {
    expect(run(inputs, exploring).actions).toEqual(actions);
  });

  it('asks for a tick when three fingers are down, at the time the hold falls due', () => {
    expect(run([three(100)], false).tickAt).toBe(1600);
    expect(run([three(100), end(200, f(0, 100, 500))], false).tickAt).toBeNull();
    expect(run([three(100), tick(1600)], false).tickAt).toBeNull();
  });

  it('asks for a tick when a possible second tap is held, at the time it is too long for a tap', () => {
    const firstTap = [start(0, f(0, 500, 500)), end(100)];
    expect(run([...firstTap, start(300, f(0, 500, 500))], true).tickAt).toBe(650);
    expect(run([...firstTap, start(300, f(0, 500, 500))], false).tickAt).toBeNull();
    expect(run([...firstTap, start(900, f(0, 500, 500))], true).tickAt).toBeNull();
    expect(run([...firstTap, start(300, f(0, 500, 500)), tick(650)], true).tickAt).toBeNull();
  });
});
