#!/usr/bin/env python3
"""Catch rates of template lines and captions on a syndication corpus with truth
(shared/eval/syndication_dev.jsonl and its .truth.jsonl, or generator output).

    copydesk segment DOCS.jsonl --format jsonl > SEG.jsonl
    python3 crates/segment/eval/syndication_catch.py DOCS.jsonl TRUTH.jsonl SEG.jsonl

A truth line is mapped to the label of the block whose byte range covers it.
Printed: template lines labelled boilerplate/related (and not body/headline), per
outlet at worst; caption lines labelled caption/credit, for all and for those
recurring in >= 3 documents; caption occurrences left in the body (what `clean`
keeps); and the share of the remaining (article) lines labelled body.
"""
import json, sys, collections
docs = {}
for l in open(sys.argv[1]):
    r = json.loads(l); docs[r['id']] = r
truth = {json.loads(l)['id']: json.loads(l) for l in open(sys.argv[2])}
blocks = collections.defaultdict(list)
for l in open(sys.argv[3]):
    r = json.loads(l); blocks[r['id']].append(r)
cap_df = collections.Counter()
for i, t in truth.items():
    lines = docs[i]['text'].split('\n')
    for n in set(lines[k].strip() for k in t['captions']):
        cap_df[n] += 1
tmpl = collections.defaultdict(lambda: [0, 0, 0])
cap = [0, 0, 0]; cap3 = [0, 0]; survive = [0, 0]
body_lines = [0, 0]
conf = collections.Counter()
for i, t in truth.items():
    text = docs[i]['text'].encode()
    # byte offset of each line start
    starts = [0]
    for k, b in enumerate(text):
        if b == 10: starts.append(k + 1)
    def line_of(off):
        import bisect
        return bisect.bisect_right(starts, off) - 1
    label_of_line = {}
    for b in blocks[i]:
        if b.get('start') is None: continue
        for ln in range(line_of(b['start']), line_of(max(b['start'], b['end'] - 1)) + 1):
            label_of_line[ln] = b['label']
    lines = docs[i]['text'].split('\n')
    o = t['outlet']
    for k in t['template_lines']:
        lab = label_of_line.get(k, 'none')
        tmpl[o][0] += 1
        tmpl[o][1] += lab in ('boilerplate', 'related')
        tmpl[o][2] += lab not in ('body', 'headline')
        conf[('T', lab)] += 1
    for k in t['captions']:
        lab = label_of_line.get(k, 'none')
        cap[0] += 1; cap[1] += lab in ('caption', 'credit'); cap[2] += lab != 'body'
        if cap_df[lines[k].strip()] >= 3:
            cap3[0] += 1; cap3[1] += lab in ('caption', 'credit')
        survive[0] += 1; survive[1] += lab in ('body',)
        conf[('C', lab)] += 1
    special = set(t['template_lines']) | set(t['captions']) | set(t.get('meta_lines', []))
    for k, ln in enumerate(lines):
        if ln.strip() and k not in special:
            body_lines[0] += 1; body_lines[1] += label_of_line.get(k) == 'body'
tot = [sum(v[j] for v in tmpl.values()) for j in range(3)]
print(f"template lines: {tot[1]/tot[0]:.3f} labelled boilerplate/related, {tot[2]/tot[0]:.3f} not body/headline ({tot[0]} lines)")
print("worst outlets (boilerplate/related share):", ", ".join(f"{o} {v[1]/v[0]:.2f}" for o, v in sorted(tmpl.items(), key=lambda x: x[1][1]/x[1][0])[:5]))
print(f"captions: {cap[1]/cap[0]:.3f} labelled caption/credit, {cap[2]/cap[0]:.3f} not body ({cap[0]} lines)")
print(f"captions recurring in >=3 docs: {cap3[1]/max(cap3[0],1):.3f} labelled caption/credit ({cap3[0]} lines)")
print(f"caption occurrences surviving into clean (labelled body): {survive[1]/survive[0]:.3f}")
print(f"other (article) lines labelled body: {body_lines[1]/body_lines[0]:.3f} ({body_lines[0]} lines)")
print("confusions:", sorted(conf.items(), key=lambda x: -x[1])[:14])
