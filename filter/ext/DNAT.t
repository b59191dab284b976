# DNAT target
-4
*nat
:PREROUTING,OUTPUT
-j DNAT --to-destination 1.2.3.4;=
-j DNAT --to 1.2.3.4;-j DNAT --to-destination 1.2.3.4
-j DNAT --to-destination 1.2.3.4-1.2.3.10;=
-p tcp -j DNAT --to-destination 1.2.3.4:1000;=
-p tcp -j DNAT --to-destination 1.2.3.4:1000-2000;=
-p udp -j DNAT --to-destination 1.2.3.4-1.2.3.5:1000-2000;=
-j DNAT --to-destination 1.2.3.4:1000;FAIL;Need TCP, UDP, SCTP or DCCP with port specification
-j DNAT --to-destination 1.2.3.4 --random;=
-j DNAT --to-destination 1.2.3.4 --persistent;=
-j DNAT --to-destination 1.2.3.4 --to-destination 1.2.3.5;FAIL;DNAT: option "--to-destination" can only be used once.
-j DNAT;FAIL;DNAT: option "--to-destination" must be specified
-j DNAT --to-destination foo;FAIL;Bad IP address "foo"
-j DNAT --to-destination 1.2.3.10-1.2.3.4;=
-p tcp -j DNAT --to-destination 1.2.3.4:2000-1000;FAIL;Port range `1000' funky
-p tcp -j DNAT --to-destination 1.2.3.4:70000;FAIL;Port `70000' not valid
-p tcp -j DNAT --to-destination :1000;=
:POSTROUTING,INPUT
-j DNAT --to-destination 1.2.3.4;FAIL;@commit
*filter
:INPUT
-j DNAT --to-destination 1.2.3.4;FAIL;@commit
-6
*nat
:PREROUTING
-j DNAT --to-destination 2001:db8::1;=
-j DNAT --to-destination 2001:db8::1-2001:db8::10;=
-p tcp -j DNAT --to-destination [2001:db8::1]:1000-2000;=
-p tcp -j DNAT --to-destination [2001:db8::1]:1000;=
