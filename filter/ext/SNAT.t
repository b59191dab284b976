# SNAT target
-4
*nat
:POSTROUTING,INPUT
-j SNAT --to-source 1.2.3.4;=
-j SNAT --to 1.2.3.4;-j SNAT --to-source 1.2.3.4
-j SNAT --to-source 1.2.3.4-1.2.3.10;=
-p tcp -j SNAT --to-source 1.2.3.4:1000;=
-p tcp -j SNAT --to-source 1.2.3.4:1000-2000;=
-p udp -j SNAT --to-source 1.2.3.4-1.2.3.5:1000-2000;=
-j SNAT --to-source 1.2.3.4:1000;FAIL;Need TCP, UDP, SCTP or DCCP with port specification
-j SNAT --to-source 1.2.3.4 --random;=
-j SNAT --to-source 1.2.3.4 --random-fully;=
-j SNAT --to-source 1.2.3.4 --persistent;=
-j SNAT --to-source 1.2.3.4 --to-source 1.2.3.5;FAIL;SNAT: option "--to-source" can only be used once.
-j SNAT;FAIL;SNAT: option "--to-source" must be specified
-j SNAT --to-source foo;FAIL;Bad IP address "foo"
-j SNAT --to-source 1.2.3.10-1.2.3.4;=
-p tcp -j SNAT --to-source 1.2.3.4:2000-1000;FAIL;Port range `1000' funky
-p tcp -j SNAT --to-source 1.2.3.4:70000;FAIL;Port `70000' not valid
-p tcp -j SNAT --to-source :1000;=
:PREROUTING,OUTPUT
-j SNAT --to-source 1.2.3.4;FAIL;@commit
*filter
:INPUT
-j SNAT --to-source 1.2.3.4;FAIL;@commit
-6
*nat
:POSTROUTING
-j SNAT --to-source 2001:db8::1;=
-j SNAT --to-source 2001:db8::1-2001:db8::10;=
-p tcp -j SNAT --to-source [2001:db8::1]:1000-2000;=
-p tcp -j SNAT --to-source [2001:db8::1]:1000;=
