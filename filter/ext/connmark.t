# connmark match
-4
*filter
:INPUT,FORWARD,OUTPUT
-m connmark --mark 7/0xf;-m connmark --mark 0x7/0xf
-m connmark ! --mark 7;-m connmark ! --mark 0x7
-m connmark --mark 0xffffffff/0xffffffff;-m connmark --mark 0xffffffff
-m connmark --mark 0;-m connmark --mark 0x0
-m connmark --mark foo;FAIL;connmark: bad integer value for option "--mark", or out of range.
-m connmark;FAIL;connmark: option "--mark" must be specified
*mangle
:PREROUTING
-m connmark --mark 1;-m connmark --mark 0x1
-6
*filter
:INPUT
-m connmark --mark 1/1;-m connmark --mark 0x1/0x1
# packets (kernel only: a new conntrack entry has mark 0)
-4
*mangle
:PREROUTING
-m connmark --mark 0x0;=
>proto=udp sport=43001 ct=new;match;kernel
-m connmark ! --mark 0x0;=
>proto=udp sport=43002 ct=new;nomatch;kernel
