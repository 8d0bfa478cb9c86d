/** The geometry layout-pins.test.ts expects, one line per box and edge (see geometry() in layout-inputs.ts). */
export const PINS: Record<string, string[]> = {
  "flow TB": [
    "svg 203x436",
    "jf-node s rect x=69 y=24 width=110 height=44",
    "jf-node q polygon points=79,187.6 131,217.6 79,247.6 27,217.6",
    "jf-node e rect x=24 y=367.2 width=110 height=44",
    "edge s>q M79,64.4 L79,187.6",
    "edge q>e M79,247.6 L79,367.2",
    "edge q>s M118,210.1 L118,68"
  ],
  "flow TB lanes": [
    "svg 362x378",
    "jf-lane c rect x=24 y=24 width=160 height=329.8",
    "jf-lane k rect x=184 y=24 width=154 height=329.8",
    "jf-node s rect x=54 y=88.2 width=110 height=44",
    "jf-node q polygon points=256,162.2 308,192.2 256,222.2 204,192.2",
    "jf-node e rect x=54 y=279.8 width=110 height=44",
    "edge s>q M164,110.2 L250,110.2 Q256,110.2 256,116.2 L256,162.2",
    "edge q>e M204,192.2 L115,192.2 Q109,192.2 109,198.2 L109,279.8",
    "edge q>s M308,192.2 L316,192.2 Q322,192.2 322,186.2 L322,105.2 Q322,99.2 316,99.2 L161.1,99.2"
  ],
  "flow BT": [
    "svg 203x436",
    "jf-node s rect x=69 y=367.2 width=110 height=44",
    "jf-node q polygon points=79,187.6 131,217.6 79,247.6 27,217.6",
    "jf-node e rect x=24 y=24 width=110 height=44",
    "edge s>q M79,370.8 L79,247.6",
    "edge q>e M79,187.6 L79,68",
    "edge q>s M118,225.1 L118,367.2"
  ],
  "flow BT lanes": [
    "svg 362x378",
    "jf-lane c rect x=24 y=24 width=160 height=329.8",
    "jf-lane k rect x=184 y=24 width=154 height=329.8",
    "jf-node s rect x=54 y=245.6 width=110 height=44",
    "jf-node q polygon points=256,155.6 308,185.6 256,215.6 204,185.6",
    "jf-node e rect x=54 y=54 width=110 height=44",
    "edge s>q M164,267.6 L250,267.6 Q256,267.6 256,261.6 L256,215.6",
    "edge q>e M204,185.6 L115,185.6 Q109,185.6 109,179.6 L109,98",
    "edge q>s M308,185.6 L316,185.6 Q322,185.6 322,191.6 L322,272.6 Q322,278.6 316,278.6 L161.1,278.6"
  ],
  "flow LR": [
    "svg 604x141",
    "jf-node s rect x=24 y=24 width=110 height=44",
    "jf-node q polygon points=302,57 354,87 302,117 250,87",
    "jf-node e rect x=470 y=65 width=110 height=44",
    "edge s>q M79,68 L79,81 Q79,87 85,87 L250,87",
    "edge q>e M354,87 L470,87",
    "edge q>s M302,57 L302,45 Q302,39 296,39 L132.9,39"
  ],
  "flow LR lanes": [
    "svg 568x288",
    "jf-lane c rect x=24 y=24 width=520 height=120",
    "jf-lane k rect x=24 y=144 width=520 height=120",
    "jf-node s rect x=106 y=67 width=110 height=44",
    "jf-node q polygon points=298,169 350,199 298,229 246,199",
    "jf-node e rect x=404 y=67 width=110 height=44",
    "edge s>q M161,111 L161,193 Q161,199 167,199 L246,199",
    "edge q>e M298,169 L298,95 Q298,89 304,89 L404,89",
    "edge q>s M298,229 L298,237 Q298,243 292,243 L139.5,243 Q133.5,243 133.5,237 L133.5,111"
  ],
  "flow RL": [
    "svg 604x141",
    "jf-node s rect x=470 y=24 width=110 height=44",
    "jf-node q polygon points=302,57 354,87 302,117 250,87",
    "jf-node e rect x=24 y=65 width=110 height=44",
    "edge s>q M525,68 L525,81 Q525,87 519,87 L354,87",
    "edge q>e M250,87 L134,87",
    "edge q>s M302,57 L302,45 Q302,39 308,39 L471.1,39"
  ],
  "flow RL lanes": [
    "svg 568x288",
    "jf-lane c rect x=24 y=24 width=520 height=120",
    "jf-lane k rect x=24 y=144 width=520 height=120",
    "jf-node s rect x=352 y=67 width=110 height=44",
    "jf-node q polygon points=270,169 322,199 270,229 218,199",
    "jf-node e rect x=54 y=67 width=110 height=44",
    "edge s>q M407,111 L407,193 Q407,199 401,199 L322,199",
    "edge q>e M270,169 L270,95 Q270,89 264,89 L164,89",
    "edge q>s M283,176.5 L283,95 Q283,89 289,89 L352,89"
  ],
  "lifecycle LR": [
    "svg 918x188",
    "jf-node p path d=M102,51.6 H246 Q254,51.6 254,59.6 V123.6 Q254,131.6 246,131.6 H102 Q94,131.6 94,123.6 V59.6 Q94,51.6 102,51.6 Z M94,89.8 H254",
    "jf-node a path d=M430,51.6 H574 Q582,51.6 582,59.6 V123.6 Q582,131.6 574,131.6 H430 Q422,131.6 422,123.6 V59.6 Q422,51.6 430,51.6 Z M422,89.8 H582",
    "jf-node x path d=M734,62.6 H886 Q894,62.6 894,70.6 V101.6 Q894,109.6 886,109.6 H734 Q726,109.6 726,101.6 V70.6 Q726,62.6 734,62.6 Z M736,66.6 H884 Q890,66.6 890,72.6 V99.6 Q890,105.6 884,105.6 H736 Q730,105.6 730,99.6 V72.6 Q730,66.6 736,66.6 Z",
    "edge p>a M254,91.6 L422,91.6",
    "edge a>x M582,78.6 L726,78.6",
    "edge x>a M726,99.1 L582,99.1"
  ],
  "lifecycle TB": [
    "svg 420x697",
    "jf-node p path d=M35,121.6 H179 Q187,121.6 187,129.6 V193.6 Q187,201.6 179,201.6 H35 Q27,201.6 27,193.6 V129.6 Q27,121.6 35,121.6 Z M27,159.8 H187",
    "jf-node a path d=M35,353.6 H179 Q187,353.6 187,361.6 V425.6 Q187,433.6 179,433.6 H35 Q27,433.6 27,425.6 V361.6 Q27,353.6 35,353.6 Z M27,391.8 H187",
    "jf-node x path d=M32,569.6 H184 Q192,569.6 192,577.6 V608.6 Q192,616.6 184,616.6 H32 Q24,616.6 24,608.6 V577.6 Q24,569.6 32,569.6 Z M34,573.6 H182 Q188,573.6 188,579.6 V606.6 Q188,612.6 182,612.6 H34 Q28,612.6 28,606.6 V579.6 Q28,573.6 34,573.6 Z",
    "edge p>a M107,201.6 L107,353.6",
    "edge a>x M80,433.6 L80,569.6",
    "edge x>a M134,569.6 L134,433.6"
  ],
  "journey": [
    "svg 732x701",
    "jf-stage a rect x=156 y=94.6 width=368 height=526",
    "jf-stage b rect x=524 y=94.6 width=184 height=526",
    "jf-node a-1 rect x=164 y=150.6 width=168 height=39",
    "jf-node a-2 rect x=348 y=150.6 width=168 height=39",
    "jf-node b-1 rect x=532 y=150.6 width=168 height=39",
    "emotion M248,308.6 C309.3,329.3 370.7,370.6 432,370.6 C493.3,370.6 554.7,349.9 616,339.6"
  ]
};
