# mark match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m mark --mark 1;-m mark --mark 0x1
-m mark --mark 0x10/0xff;=
-m mark ! --mark 5/5;-m mark ! --mark 0x5/0x5
-m mark --mark 0xffffffff/0xffffffff;-m mark --mark 0xffffffff
-m mark --mark 010;-m mark --mark 0x8
-m mark --mark 0x100000000;FAIL;mark: bad integer value for option "--mark", or out of range.
-m mark --mark 1/0xffffffff;-m mark --mark 0x1
-m mark --mark 0/0;-m mark --mark 0x0/0x0
-m mark --mark 0;-m mark --mark 0x0
-m mark --mark abc;FAIL;mark: bad integer value for option "--mark", or out of range.
-m mark --mark 1/;FAIL;mark: bad integer value for option "--mark", or out of range.
-m mark --mark -1;FAIL;mark: bad integer value for option "--mark", or out of range.
-m mark;FAIL;mark: option "--mark" must be specified
-m mark --mark 1 --mark 2;FAIL;mark: option "--mark" can only be used once.
-m mark --mark 4294967295;-m mark --mark 0xffffffff
-6
*filter
:INPUT
-m mark ! --mark 0x7/0xf;=
# packets (a packet arrives with mark 0)
-4
*mangle
:PREROUTING
-m mark --mark 0x0;=
>proto=udp;match
-m mark ! --mark 0x1/0x1;=
>proto=udp;match
-m mark --mark 0x0/0x0;=
>proto=udp;match
-m mark --mark 0x1;=
>proto=udp;nomatch
