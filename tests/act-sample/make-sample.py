# Rebuilds tests/act-sample from the suite: the rules' test cases, the implementation reports cut
# to the rules, and the pages (and assets) of the rules whose pages the browser tests serve.
# Run from the repository's root: python3 tests/act-sample/make-sample.py
import json, os, shutil, re
suite = '../shared/corpora/act-rules'
out = 'tests/act-sample'
rules = ['23a2a8','2779a5','6cfa84','3e12e1','cf77f2','4e8ab6','b5c3f8','bf051a','ff89c9','80f0bf','akn7bn','bc659a',
         'bisz58','d0f69e','kb1m8s','oj04fd','a1b64e','80af7b','ebe86a','2ee8b8']
pages = ['2779a5','b5c3f8','bf051a','akn7bn','bc659a','bisz58','d0f69e','kb1m8s','oj04fd','a1b64e','80af7b','ebe86a','2ee8b8']
full = json.load(open(f'{suite}/testcases.json'))
sample = dict(full)
sample['testcases'] = [c for c in full['testcases'] if c['ruleId'] in rules]
sample['count'] = len(sample['testcases'])
json.dump(sample, open(f'{out}/testcases.json', 'w'), indent=1, ensure_ascii=False)
for f in os.listdir(f'{suite}/implementations'):
    d = json.load(open(f'{suite}/implementations/{f}'))
    d['actRuleMapping'] = [m for m in d['actRuleMapping'] if m['ruleId'] in rules]
    json.dump(d, open(f'{out}/implementations/{f}', 'w'), indent=1, ensure_ascii=False)
shutil.rmtree(f'{out}/testcases'); shutil.rmtree(f'{out}/test-assets')
assets = set()
for c in sample['testcases']:
    if c['ruleId'] not in pages: continue
    src = f"{suite}/{c['relativePath']}"; dst = f"{out}/{c['relativePath']}"
    os.makedirs(os.path.dirname(dst), exist_ok=True); shutil.copyfile(src, dst)
    for a in re.findall(r'/WAI/content-assets/wcag-act-rules/(test-assets/[^"\')\s]+)', open(src, encoding='utf-8', errors='replace').read()):
        assets.add(a)
for a in sorted(assets):
    if os.path.exists(f'{suite}/{a}'):
        os.makedirs(os.path.dirname(f'{out}/{a}'), exist_ok=True); shutil.copyfile(f'{suite}/{a}', f'{out}/{a}')
    else:
        print('missing asset', a)
print(len(sample['testcases']), 'cases;', sorted(assets))
