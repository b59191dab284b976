# NOTRACK target (CT --notrack in the kernel; saved as NOTRACK... or not)
-4
*raw
:PREROUTING,OUTPUT
-j NOTRACK;=
-p udp --dport 53 -j NOTRACK;-p udp -m udp --dport 53 -j NOTRACK
-j NOTRACK --foo;FAIL;unknown option "--foo"
*mangle
:PREROUTING
-j NOTRACK;FAIL;@commit
*filter
:INPUT
-j NOTRACK;FAIL;@commit
-6
*raw
:PREROUTING
-j NOTRACK;=
